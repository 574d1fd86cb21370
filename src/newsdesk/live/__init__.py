"""The desk running itself: followed sources polled on schedule, the ``run`` loop."""
