from qualitywin.cli import main

main()
