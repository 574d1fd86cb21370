from newsdesk.cli import main

main()
