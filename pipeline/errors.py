"""Deliberate stops: failures with a message for people, printed without a traceback."""


class JobFailed(RuntimeError):
    """The job stopped on purpose; committed work is kept and a rerun resumes."""


class ErrorBudgetExceeded(JobFailed):
    """Too many rows of one (shard, task) failed in the engine or parser: something systemic."""


class EngineFailed(JobFailed):
    """An engine died and could not be brought back."""


class ShardError(JobFailed):
    """An input shard that cannot be read at all (not a tar, not Parquet, missing columns)."""


class ClusterTooSmall(JobFailed):
    """The cluster can never run a shard worker beside the engines: waiting would be forever."""
