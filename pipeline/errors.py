"""Domain exceptions. The CLI turns them into click errors; the runner into error rows."""


class PipelineError(Exception):
    """A document could not be processed. `stage` says where, the message what to do."""

    def __init__(self, message: str, stage: str = "pipeline"):
        super().__init__(message)
        self.stage = stage


class InputError(PipelineError):
    def __init__(self, message: str):
        super().__init__(message, stage="ingest")


class ConfigError(Exception):
    """The configuration file is invalid; the message names the key and the fix."""
