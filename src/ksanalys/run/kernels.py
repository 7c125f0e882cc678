"""Kernels for the report notebooks: the project's ipykernel, forked warm from a server.

Every notebook runs in a kernel of its own, started for it and killed after it. Starting a
kernel the usual way costs a new interpreter that imports pandas, seaborn, statsmodels and
matplotlib again (seconds of CPU per notebook). Here a :class:`ForkServer` imports them
once; each kernel is then forked from it and starts as ``python -m ipykernel_launcher``
would, with nothing of any notebook in it (see :mod:`ksanalys.run.forkserver`).

jupyter_client still manages every kernel (connection file, channels, shutdown); only the
launch differs, in :class:`ForkingProvisioner`. A kernel spec that is not plainly this
interpreter's ipykernel, or a server that has died, gets the ordinary launch instead.

What a notebook sees is what a fresh kernel shows once the notebook has imported the
preloaded modules (:func:`preload_modules`; the chapter notebooks import all of them through
``ksanalys.present.chapters``, statsmodels on their first trend): same interpreter,
``sys.path``, working directory, environment, signal handlers, warning filters (in the same
order), matplotlib backend and settings; a notebook that imports less finds more modules
already in ``sys.modules``. Preloaded modules must therefore change no global state when
imported (matplotlib settings, warning filters beyond their own, environment);
tests/test_run_kernels.py compares the two kinds of kernel.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import default

from ksanalys.errors import KsanalysError
from ksanalys.run import forkserver
from ksanalys.run.forkserver import INLINE_BACKEND

# The kernel the chapter notebooks name: shipped in the wheel (pyproject.toml, shared-data)
# and installed by ``make setup`` with this interpreter's absolute path.
KERNEL_NAME = "ksanalys"
# Forking a process that has imported the stack is safe on Linux; elsewhere (macOS system
# frameworks) it is not, so kernels are started anew there.
CAN_FORK = sys.platform.startswith("linux")

# Imported once by the fork server (after the kernel's own modules, see
# ksanalys.run.forkserver): what every chapter notebook imports anyway. See preload_modules.
STACK = (
    "numpy",
    "pandas",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "statsmodels.api",
    "babel.numbers",
    "matplotlib.backends.backend_svg",  # every chart is shown as SVG
)
# The library's packages that no chapter notebook uses: their modules are not preloaded.
NOT_PRELOADED = frozenset({"run", "cli", "intake"})

# Environment variables that act while modules import: a kernel may be forked from the
# server only if it would see the same values.
# (ipykernel reads JPY_PARENT_PID at import; jupyter_client sets it to the launching process.)
_IMPORT_TIME_ENV = (
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONHASHSEED",
    "MPLBACKEND",
    "MPLCONFIGDIR",
    "JPY_PARENT_PID",
    "JPY_INTERRUPT_EVENT",
)

_LAUNCHER = ["-m", "ipykernel_launcher"]


def preload_modules() -> tuple[str, ...]:
    """The stack, then every module of ksanalys that notebooks may use, subpackages and
    their modules included (all but :data:`NOT_PRELOADED`), found without importing them.

    A chapter notebook imports ``ksanalys.present.chapters`` and, on first use, the modules
    it loads lazily: preloaded, a forked kernel finds them all imported (about 0.3 s of CPU
    less per notebook)."""
    import pkgutil

    import ksanalys

    top = [
        m
        for m in pkgutil.iter_modules(ksanalys.__path__)
        if m.name not in NOT_PRELOADED and not m.name.startswith("_")
    ]
    library: list[str] = []
    for module in top:
        library.append(f"ksanalys.{module.name}")
        if module.ispkg:
            folder = os.path.join(ksanalys.__path__[0], module.name)
            library += _modules_below(folder, f"ksanalys.{module.name}")
    return (*STACK, *sorted(library))


def _modules_below(folder: str, package: str) -> list[str]:
    """The modules and subpackages in package folder ``folder``, at any depth (but
    ``__main__``), read from the file system."""
    import pkgutil

    found = []
    for module in pkgutil.iter_modules([folder]):
        if module.name == "__main__":
            continue
        name = f"{package}.{module.name}"
        found.append(name)
        if module.ispkg:
            found += _modules_below(os.path.join(folder, module.name), name)
    return found


def _with_kernel_defaults(env) -> dict[str, str]:
    """``env`` as an ipykernel kernel sees it once started (it picks the inline backend)."""
    return {"MPLBACKEND": INLINE_BACKEND, **env}


def kernel_flags(kernel_name: str = KERNEL_NAME) -> tuple[str, ...]:
    """The interpreter options ``kernel_name``'s spec gives before ``-m ipykernel_launcher``
    (``ipykernel install`` adds ``-Xfrozen_modules=off``): the fork server runs with the same,
    so that a forked kernel is what the spec would start. () if the spec is not of that form."""
    try:
        argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    except NoSuchKernel:
        return ()
    for i in range(1, len(argv) - 1):
        if argv[i : i + 2] == _LAUNCHER:
            flags = tuple(argv[1:i])
            return flags if all(f.startswith("-") and f != "-m" for f in flags) else ()
    return ()


def _this_interpreter(program: str) -> bool:
    """Whether ``program`` is this interpreter: its path, or another name for the same file
    in the same folder (a virtualenv's ``python`` and ``python3``)."""
    if program == sys.executable:
        return True
    try:
        return Path(program).parent == Path(sys.executable).parent and os.path.samefile(
            program, sys.executable
        )
    except OSError:
        return False


class ForkServerGone(Exception):
    """The fork server cannot start a kernel (it died or never started)."""


def check_kernel(kernel_name: str = KERNEL_NAME) -> None:
    """Raise KsanalysError unless ``kernel_name`` runs this interpreter (the project's .venv)."""
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        raise KsanalysError(
            f"kärnan '{kernel_name}' finns inte; installera miljön med 'make setup'"
        ) from None
    program = spec.argv[0] if spec.argv else ""
    generic = {
        "python",
        f"python{sys.version_info[0]}",
        "python{}.{}".format(*sys.version_info[:2]),
    }
    if program in generic:
        return  # jupyter_client runs sys.executable for these
    if not program or not Path(program).exists() or not os.path.samefile(program, sys.executable):
        raise KsanalysError(
            f"kärnan '{kernel_name}' kör {program or '(inget program)'}, inte projektets "
            f"python {sys.executable}"
        )


class ForkedProcess:
    """A kernel forked by the server, looking to jupyter_client like a ``Popen``."""

    stdin = stdout = stderr = None

    def __init__(self, conn: socket.socket, pid: int) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._buffer = b""
        self.pid = pid
        self.returncode: int | None = None

    def _read(self, timeout: float | None) -> None:
        with self._lock:
            self._read_locked(timeout)

    def _read_locked(self, timeout: float | None) -> None:
        while self.returncode is None:
            ready, _, _ = select.select([self._conn], [], [], timeout)
            if not ready:
                return
            chunk = self._conn.recv(4096)
            if not chunk:  # the server died: so did its kernels
                self._finish(-signal.SIGKILL)
                return
            self._buffer += chunk
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                message = json.loads(line)
                if "exit" in message:
                    self._finish(int(message["exit"]))

    def _finish(self, code: int) -> None:
        with contextlib.suppress(OSError):
            self._conn.close()
        self.returncode = code

    def poll(self) -> int | None:
        self._read(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        self._read(timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkServer:
    """A process that has imported ``preload`` and forks kernels on request.

    Start it early: it imports while the caller does other work; requests made before it is
    ready wait in the socket's backlog. Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self, preload: tuple[str, ...] | None = None, flags: tuple[str, ...] | None = None
    ) -> None:
        self.flags = kernel_flags() if flags is None else flags
        self.closed = False
        self.spawned = 0
        self._processes: list[ForkedProcess] = []
        self.directory = Path(tempfile.mkdtemp(prefix="ksanalys-kernels-"))
        self.path = str(self.directory / "fork.sock")
        self.env = _with_kernel_defaults({**os.environ, "JPY_PARENT_PID": str(os.getpid())})
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.path)
            listener.listen(64)
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    *self.flags,
                    "-m",
                    "ksanalys.run.forkserver",
                    str(listener.fileno()),
                    str(os.getpid()),
                    *(preload_modules() if preload is None else preload),
                ],
                stdin=subprocess.PIPE,
                pass_fds=[listener.fileno()],
                env=self.env,
                start_new_session=True,
            )
        except BaseException:
            shutil.rmtree(self.directory, ignore_errors=True)
            raise
        finally:
            listener.close()

    def can_fork(self, cmd: list[str], env: dict[str, str]) -> bool:
        """Whether a kernel launched as ``cmd`` with ``env`` is what this server forks."""
        return (
            self.process.poll() is None
            and bool(cmd)
            and _this_interpreter(cmd[0])
            and cmd[1 : self._launcher_end] == [*self.flags, *_LAUNCHER]
            and all(
                _with_kernel_defaults(env).get(name) == self.env.get(name)
                for name in _IMPORT_TIME_ENV
            )
        )

    @property
    def _launcher_end(self) -> int:
        return 1 + len(self.flags) + len(_LAUNCHER)

    def kernel_argv(self, cmd: list[str]) -> list[str]:
        """The arguments after ``python [flags] -m ipykernel_launcher`` in ``cmd``."""
        return cmd[self._launcher_end :]

    def warm_up(self, **arguments: Any) -> None:
        """Have the server make the analysis ``open_analysis(**arguments)`` ahead, for the
        kernels it forks after it (see :mod:`ksanalys.run.forkserver`); does not wait."""
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as conn:
            conn.connect(self.path)
            conn.sendall(json.dumps({"warm": arguments}).encode() + b"\n")

    def spawn(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedProcess:
        """Fork a kernel run as ``python -m ipykernel_launcher *argv`` in ``cwd`` with ``env``."""
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(self.path)
            request = {"argv": argv, "env": env, "cwd": cwd}
            conn.sendall(json.dumps(request).encode() + b"\n")
            reply = b""
            while not reply.endswith(b"\n"):
                ready, _, _ = select.select([conn], [], [], 1.0)
                if self.process.poll() is not None:
                    raise ForkServerGone(f"fork server exited with {self.process.returncode}")
                if ready:
                    chunk = conn.recv(4096)
                    if not chunk:
                        raise ForkServerGone("fork server closed the connection")
                    reply += chunk
        except (OSError, ForkServerGone):
            conn.close()
            raise
        self.spawned += 1
        first, _, rest = reply.partition(b"\n")
        process = ForkedProcess(conn, int(json.loads(first)["pid"]))
        process._buffer = rest
        self._processes.append(process)
        return process

    def close(self) -> None:
        """Stop the server (it kills kernels still running) and remove its files. A server
        that has forked no kernel is killed at once (it may still be importing: a refused
        request does not wait for it)."""
        self.closed = True
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                if self.process.stdin:
                    self.process.stdin.close()
            if not self.spawned:
                self.process.kill()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        elif self.process.stdin:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        for process in self._processes:  # the server killed them before it stopped
            process.poll()
            if process.returncode is None:
                process._finish(-signal.SIGKILL)
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ForkingProvisioner(LocalProvisioner):
    """Launches the kernel through the kernel manager's fork server when it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        server = getattr(self.parent, "fork_server", None)
        # As jupyter_client.launcher.launch_kernel prepares it for a kernel it owns:
        env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(os.getpid())}
        if server is not None and server.closed:
            raise RuntimeError("the fork server is closed: no new kernels")
        if server is not None and server.can_fork(cmd, env):
            cwd = str(kwargs.get("cwd") or os.getcwd())
            try:
                self.process = server.spawn(server.kernel_argv(cmd), env, cwd)
            except (OSError, ForkServerGone) as error:
                self.log.warning("fork server unavailable (%s); starting the kernel anew", error)
            else:
                self.pid = self.pgid = self.process.pid
                self.cwd = cwd
                return self.connection_info
        # A kernel started anew ends with this process too (in a pool thread that lives
        # until the report run has killed its kernels).
        if CAN_FORK:
            forkserver.prctl()
            kwargs.setdefault(
                "preexec_fn", functools.partial(forkserver.die_with_parent, os.getpid())
            )
        return await super().launch_kernel(cmd, **kwargs)


class ReportKernelManager(AsyncKernelManager):
    """Kernel manager for report runs: IPC channels in a private folder, forked launch.

    Subclass it through :func:`kernel_manager_class`, which sets the two class attributes.
    """

    fork_server: ForkServer | None = None
    runtime_dir: Path | None = None
    started: list[ReportKernelManager]  # every manager of the class that started a kernel
    stopping = False

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"  # no ports to allocate; ipykernel warns about unencrypted TCP

    async def _async_pre_start_kernel(self, **kw: Any):
        if type(self).stopping:
            raise RuntimeError("the report run is stopping: no new kernels")
        type(self).started.append(self)
        self.kernel_id = self.kernel_id or str(uuid.uuid4())
        if self.runtime_dir is not None and self.transport == "ipc" and not self.connection_file:
            base = self.runtime_dir / f"kernel-{self.kernel_id[:12]}"
            self.connection_file = f"{base}.json"
            self.ip = f"{base}-ipc"
        if self.provisioner is None:
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)


def kernel_manager_class(
    fork_server: ForkServer | None, runtime_dir: Path
) -> type[ReportKernelManager]:
    """A kernel manager class whose kernels come from ``fork_server`` (None: started anew)
    and keep their connection files and sockets in ``runtime_dir``."""
    return type(
        "ReportKernelManager",
        (ReportKernelManager,),
        {"fork_server": fork_server, "runtime_dir": runtime_dir, "started": []},
    )


def kill_kernels(manager_class: type[ReportKernelManager]) -> None:
    """Kill every kernel still running that a manager of ``manager_class`` started; start
    no more."""
    manager_class.stopping = True
    for manager in list(manager_class.started):
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)  # kernels lead their own group
            with contextlib.suppress(OSError):
                process.kill()
