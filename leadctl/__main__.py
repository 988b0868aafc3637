import gc

from . import GC_THRESHOLDS

gc.set_threshold(*GC_THRESHOLDS)  # before the imports below too

from .cli import main  # noqa: E402

main()
