"""WE Nexus Monitor: pure computation behind the dashboard pages and the command line."""
