from newsdesk.cli import entry

entry()
