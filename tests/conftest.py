pytest_plugins = ["enrich.testing.pytest_plugin"]
