import gc

from leadctl import GC_THRESHOLDS

gc.set_threshold(*GC_THRESHOLDS)  # before the imports below too

from leadctl.commands.cli import main  # noqa: E402

main()
