"""One module per source format; the registry (``trialparse._registry``) lists them."""
