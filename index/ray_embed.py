"""The embedding step of an index build on Ray Data: the descriptions that need embedding become a dataset in
blocks, a pool of actors (each holding the model once) embeds them with `map_batches`, and batches come back to
the build as they finish, to be cached at once. A local Ray is started when no address is given."""

import logging
import socket
from collections.abc import Iterator

import numpy as np

from index.errors import PlaylistError

BLOCK_ROWS = 512


class _EmbedActor:
    """One per worker: loads the packaged model once, then embeds batch after batch."""

    def __init__(self, batch_size: int):
        from index.embed import Embedder

        self.embedder, self.batch_size = Embedder(), batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.encode(list(batch["text"]), batch_size=self.batch_size)
        return {"hash": batch["hash"], "vector": vectors}


class RayRunner:
    """An embedding runner (index.build.EmbedRunner) over `workers` Ray actors."""

    def __init__(self, address: str | None = None, workers: int = 2, batch_size: int = 64):
        self.address, self.workers, self.batch_size = address, workers, batch_size

    def _start(self):
        _check_reachable(self.address)
        import ray

        try:
            if not ray.is_initialized():
                ray.init(
                    address=self.address,
                    include_dashboard=False,
                    log_to_driver=False,
                    configure_logging=False,
                    **({} if self.address else {"num_cpus": self.workers}),
                )
        except Exception as exc:  # noqa: BLE001 - ray raises ConnectionError, RuntimeError, ValueError...
            where = self.address or "a local Ray"
            raise PlaylistError(f"cannot start the build on {where}: {str(exc).splitlines()[0][:200]}") from exc
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the build's own bar counts the batches as they arrive
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        return ray

    def __call__(self, items: list[tuple[str, str]]) -> Iterator[tuple[list[str], np.ndarray]]:
        if not items:
            return
        ray = self._start()
        blocks = min(len(items), max(self.workers, min(len(items) // BLOCK_ROWS + 1, 10 * self.workers)))
        data = ray.data.from_items([{"hash": h, "text": t} for h, t in items], override_num_blocks=blocks)
        embedded = data.map_batches(
            _EmbedActor,
            fn_constructor_kwargs={"batch_size": self.batch_size},
            batch_size=self.batch_size * 4,
            concurrency=self.workers,
            num_cpus=1,
            batch_format="numpy",
        )
        for batch in embedded.iter_batches(batch_size=self.batch_size * 4, batch_format="numpy"):
            yield [str(h) for h in batch["hash"]], np.ascontiguousarray(np.stack(batch["vector"]), dtype=np.float32)


def _check_reachable(address: str | None, timeout_s: float = 5.0) -> None:
    """A cluster address that does not answer fails here in seconds (Ray itself retries for minutes)."""
    if not address or address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout_s).close()
    except (OSError, ValueError) as exc:
        raise PlaylistError(f"cannot start the build on {address}: nothing answers there ({exc})") from exc
