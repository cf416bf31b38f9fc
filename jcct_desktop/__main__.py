from jcct_desktop.cli import main

raise SystemExit(main())
