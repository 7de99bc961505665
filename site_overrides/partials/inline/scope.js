// Material 9.7.5's inline start script (partials/javascripts/base.html), with the site's root found
// from the address of Material's stylesheet (assets/stylesheets/main.*.css) instead of from the page's
// base_url: the same text on every page, so one hash in the Content-Security-Policy allows it.
__md_scope=new URL("../..",document.querySelector('link[href*="assets/stylesheets/main."]').href),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
