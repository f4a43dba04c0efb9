"""The client's resource groups, one module per part of the API."""
