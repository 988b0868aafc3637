from leadctl.commands.cli import main

main()
