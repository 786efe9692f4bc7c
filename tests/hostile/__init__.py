"""Hostile inputs: a folder of files made at test time to break a batch, run through the command line."""
