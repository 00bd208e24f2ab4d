"""The runtime: channels, dialogue, staff console and the `kuntabotti` command line."""
