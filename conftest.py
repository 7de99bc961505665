"""The test kit's fixtures for every test folder (tests/, and tests kept beside their component)."""
pytest_plugins = ["tests.kit.fixtures"]
