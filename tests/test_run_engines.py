"""The engine of a report run is chosen in one place: forked kernels by default on Linux,
plain Papermill kernels when the run or KSANALYS_FORK_KERNELS=0 asks for them."""

from __future__ import annotations

import pytest

from ksanalys.run import engines, kernels


class FakeServer:
    """Stands in for the fork server (which would import the whole stack)."""

    closed = 0

    def close(self) -> None:
        FakeServer.closed += 1


@pytest.fixture
def fake_server(monkeypatch):
    FakeServer.closed = 0
    monkeypatch.setattr(kernels, "ForkServer", FakeServer)
    monkeypatch.setattr(kernels, "CAN_FORK", True)
    monkeypatch.delenv(engines.FORK_ENV, raising=False)


@pytest.mark.parametrize(
    ("fork", "env", "can_fork", "expected"),
    [
        (True, None, True, "fork"),
        (True, "1", True, "fork"),
        (True, "0", True, "plain"),
        (False, None, True, "plain"),
        (True, None, False, "plain"),
    ],
)
def test_the_engine_is_chosen_from_the_request_the_environment_and_the_system(
    fake_server, monkeypatch, fork, env, can_fork, expected
):
    if env is not None:
        monkeypatch.setenv(engines.FORK_ENV, env)
    monkeypatch.setattr(kernels, "CAN_FORK", can_fork)
    engine = engines.start(fork)
    try:
        assert engine.name == expected
        assert isinstance(engine.server, FakeServer) == (expected == "fork")
        assert engine.managers.fork_server is engine.server
        assert engine.runtime.is_dir()
    finally:
        engine.close()
    assert not engine.runtime.exists()
    assert FakeServer.closed == (expected == "fork")
