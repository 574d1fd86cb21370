"""Modules a fork server imports to load one model before it forks the workers.

The local executor's fork server runs :mod:`newsdesk.executors.preload` (imports, the
language identifier) and then the modules the run's batch functions name in their
``preload()`` (:class:`newsdesk.executors.BatchFn`): importing
:mod:`~newsdesk.executors.models.english`, :mod:`~newsdesk.executors.models.minilm` or
:mod:`~newsdesk.executors.models.use` loads that model into the server (functions in
:mod:`newsdesk.executors.warm`), and every worker forked from it starts with the model in
memory, shared copy-on-write, instead of loading its own copy on its first batch. A load
that fails is left to the worker (which then says what failed). Importing this package
loads nothing.
"""
