"""Kernel fork server: import the heavy stack once, fork one fresh kernel per notebook.

Runs as its own process, ``python -m ksanalys.run.forkserver FD PARENT MODULE...``, started
by :class:`ksanalys.run.kernels.ForkServer`. FD is a listening Unix socket inherited from the
parent, PARENT the pid of that parent. The server imports the MODULEs (a module that fails
to import is skipped: preloading only saves time, the notebook's own import then reports the
error), then serves one request per connection:

- request, client to server, one JSON line: ``{"argv": [...], "env": {...}, "cwd": "..."}``
  where ``argv`` are the arguments ``python -m ipykernel_launcher`` would get;
- replies, one JSON line each: ``{"pid": N}`` once the kernel is forked and, when it has
  ended, ``{"exit": CODE}``. Closing the connection earlier kills the kernel.

A request ``{"warm": {"year": ..., "data_dir": ..., "revised": ..., "board": ...}}`` instead
makes the server compute that analysis once (:func:`ksanalys.present.chapters.context.warm_up`,
keyed on the data's hash) before it forks the next kernel, so that every kernel forked after
it starts with the results its notebook would otherwise compute again; the reply is
``{"warmed": true}`` (``false`` if it failed: the kernels then compute it themselves and
report any error). Warnings it raises are neither shown nor remembered.

The server kills its kernels and stops when its standard input closes, i.e. when the
process that started it ends. On Linux the operating system also kills the server when its
parent ends, and each kernel when the server ends (:func:`die_with_parent`), so that nothing
outlives a parent killed with SIGKILL.

A forked kernel then starts as ``python -m ipykernel_launcher`` would, in a process that
has imported modules but run no notebook code: environment, working directory, the IPython
shell, the user namespace and matplotlib's inline backend are all set up after the fork, for
each kernel anew. This module imports only the standard library until it preloads.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import traceback
import warnings

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# What ipykernel_launcher imports before the kernel starts.
KERNEL_MODULES = ("IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell")
REQUEST_TIMEOUT = 30.0
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


_prctl = None


def prctl():
    """libc's ``prctl`` (Linux), looked up once: call it before forking a child that will
    call :func:`die_with_parent`, so that the child imports and loads nothing."""
    global _prctl
    if _prctl is None:
        import ctypes

        _prctl = ctypes.CDLL(None, use_errno=True).prctl
    return _prctl


def die_with_parent(parent: int) -> None:
    """Have this process killed (SIGKILL) when its parent, pid ``parent``, ends, and end it
    now if that parent has already gone (it may have died before the request was made).

    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere only the check is made. Call it in
    the child, first thing after fork (the setting is not inherited by children of a fork
    and is kept across exec). The signal comes when the thread that made this process ends.
    """
    if sys.platform.startswith("linux") and prctl()(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0):
        os._exit(1)  # cannot be tied to the parent: better no kernel than an orphan
    if os.getppid() != parent:
        os._exit(1)


# Warning filters as they were before preloading, and those the preloaded modules put in
# front of them: a forked kernel puts the added ones back only after it has started, where
# they would be had the notebook imported the modules itself.
_filters: tuple[list, list] | None = None


def preload(modules: list[str]) -> None:
    """Import the kernel, then ``modules`` as a notebook would, in that order (as in a fresh
    kernel), with ipykernel's matplotlib backend chosen."""
    global _filters
    for name in KERNEL_MODULES:
        importlib.import_module(name)
    # ipykernel sets this before any user code runs; matplotlib reads it at import.
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    before = list(warnings.filters)
    for name in modules:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    after = list(warnings.filters)
    added = len(after) - len(before)
    if added >= 0 and after[added:] == before:  # else (filters removed) leave them be
        _filters = (before, after[:added])
    import gc

    gc.collect()
    gc.freeze()


def _set_filters(filters: list) -> None:
    warnings.filters[:] = filters  # type: ignore[index]
    warnings._filters_mutated()  # type: ignore[attr-defined]


def _send(conn: socket.socket, message: dict) -> None:
    with contextlib.suppress(OSError):
        conn.sendall(json.dumps(message).encode() + b"\n")


def _read_request(conn: socket.socket) -> dict:
    conn.settimeout(REQUEST_TIMEOUT)
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("request incomplete")
        data += chunk
    conn.settimeout(None)
    return json.loads(data)


def _warm_up(arguments: dict) -> bool:
    """Compute the analysis ``arguments`` names ahead, for the kernels forked later."""
    try:
        from ksanalys.present.chapters.context import warm_up

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warm_up(**arguments)
    except Exception:
        return False
    import gc

    gc.collect()
    gc.freeze()
    return True


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)
            return


def _run_kernel(request: dict, inherited: list[int], server: int) -> int:
    """In the forked child: become ``python -m ipykernel_launcher ARGV``; return its exit code."""
    die_with_parent(server)
    os.setsid()  # as jupyter_client starts kernels: own session and process group
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if "numpy.random" in sys.modules:  # a fresh kernel would not share the server's seed
        sys.modules["numpy.random"].seed()

    import ipykernel_launcher
    from ipykernel import kernelapp

    sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
    try:
        # kernelapp.launch_new_instance(), with the preloaded modules' warning filters put
        # back once the kernel has set up its own
        app = kernelapp.IPKernelApp.instance()
        if _filters is not None:
            _set_filters(_filters[0])
        app.initialize()
        if _filters is not None:
            _set_filters(_filters[1] + list(warnings.filters))
        app.start()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    atexit._run_exitfuncs()
    return code


def _fork_kernel(request: dict, inherited: list[int]) -> int:
    server = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = _run_kernel(request, inherited, server)
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(code)
    return pid


def serve(listener: socket.socket) -> None:
    """Answer fork requests until standard input closes; then kill the kernels left."""
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    stdin = sys.stdin.fileno()
    kernels: dict[int, socket.socket] = {}

    def reap() -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = kernels.pop(pid, None)
            if conn is not None:
                _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
                conn.close()

    try:
        while True:
            watched = [listener, stdin, wake_read, *kernels.values()]
            readable, _, _ = select.select(watched, [], [])
            if wake_read in readable:
                os.read(wake_read, 4096)
                reap()
            if stdin in readable and not os.read(stdin, 4096):
                return
            if listener in readable:
                conn, _ = listener.accept()
                try:
                    request = _read_request(conn)
                except (OSError, ValueError):
                    conn.close()
                else:
                    if "warm" in request:
                        _send(conn, {"warmed": _warm_up(request["warm"])})
                        conn.close()
                    else:
                        inherited = [
                            listener.fileno(),
                            conn.fileno(),
                            wake_read,
                            wake_write,
                            *(c.fileno() for c in kernels.values()),
                        ]
                        pid = _fork_kernel(request, inherited)
                        kernels[pid] = conn
                        _send(conn, {"pid": pid})
            for pid, conn in list(kernels.items()):
                if conn in readable and kernels.get(pid) is conn:
                    try:
                        closed = not conn.recv(4096)
                    except OSError:
                        closed = True
                    if closed:  # the client is gone: its kernel must not outlive it
                        _kill_group(pid)
                        kernels.pop(pid)
                        conn.close()
    finally:
        for pid in kernels:
            _kill_group(pid)
        reap()


def main(argv: list[str]) -> None:
    die_with_parent(int(argv[2]))
    # As ipykernel_launcher does: the working directory is not importable while loading.
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    listener = socket.socket(fileno=int(argv[1]))
    preload(argv[3:])
    serve(listener)


if __name__ == "__main__":
    main(sys.argv)
