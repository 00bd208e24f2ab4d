"""Start-up: the command line, settings from the environment, building the web app from its
parts, model folders, the developer shell and the staff and notice commands.

Nothing of the product imports this package; it imports the product.
"""
