"""Replica balance: a call's requests go out in chunks to the least-loaded replicas (real Ray,
stand-in replicas with the engine actor's interface, so load and timing are under control)."""

import asyncio
import time

import pytest
import ray

from pipeline import executor
from pipeline.engine import EngineRequest, EngineResult
from pipeline.executor import RayEngineClient


@ray.remote(num_cpus=0)
class Replica:
    def __init__(self, name: str, seconds_per_request: float = 0.0, stuck: bool = False):
        self.name, self.s, self.stuck = name, seconds_per_request, stuck
        self.outstanding, self.served = 0, 0

    async def load(self) -> int:
        if self.stuck:  # a replica that cannot answer (restarting, wedged)
            await asyncio.sleep(30)
        return self.outstanding

    async def generate(self, requests):
        self.outstanding += len(requests)
        try:
            await asyncio.sleep(self.s * len(requests))
            self.served += len(requests)
            return [EngineResult(r.id, self.name, "stop", 1, 1, 0.0) for r in requests]
        finally:
            self.outstanding -= len(requests)

    def count(self) -> int:
        return self.served


def requests(n: int, prefix: str = "r") -> list[EngineRequest]:
    return [EngineRequest(f"{prefix}{i}", [{"role": "user", "content": "x"}], {"seed": i}) for i in range(n)]


def test_a_big_call_is_spread_over_idle_replicas_in_order(ray_local):
    a, b = Replica.remote("a"), Replica.remote("b")
    ray.get([a.load.remote(), b.load.remote()])  # both up: a busy box starts actors slowly
    client = RayEngineClient({"llm": [a, b]}, chunk=100)
    reqs = requests(1000)
    out = client.generate("llm", reqs)
    assert [r.id for r in out] == [r.id for r in reqs]  # answers in request order, across chunks
    assert ray.get([a.count.remote(), b.count.remote()]) == [500, 500]
    assert len(client.timeline) == 10 and {c["replica"] for c in client.timeline} == {0, 1}


def test_new_work_goes_to_the_replica_with_less_in_flight(ray_local):
    # Another shard's call keeps replica a busy for 30 s: a loaded box cannot outlast it.
    a, b = Replica.remote("a", 0.1), Replica.remote("b", 0.0)
    ray.get(b.load.remote())  # b up: a busy box starts actors slowly
    busy = a.generate.remote(requests(300, "busy"))
    # An async actor does not start calls in the order they were sent: wait until a holds the call.
    while ray.get(a.load.remote()) < 300:
        time.sleep(0.05)
    client = RayEngineClient({"llm": [a, b]}, chunk=100)
    out = client.generate("llm", requests(200))
    assert {r.text for r in out} == {"b"}
    ray.kill(a)  # not waiting out its call
    with pytest.raises(ray.exceptions.RayActorError):
        ray.get(busy)


def test_a_replica_that_does_not_answer_gets_no_work(ray_local, monkeypatch):
    monkeypatch.setattr(executor, "LOAD_TIMEOUT_S", 0.5)
    a, b = Replica.remote("a", stuck=True), Replica.remote("b")
    ray.get([a.count.remote(), b.count.remote()])  # both up: only a's load goes unanswered
    client = RayEngineClient({"llm": [a, b]}, chunk=10)
    out = client.generate("llm", requests(50))
    assert {r.text for r in out} == {"b"} and len(out) == 50


@pytest.mark.parametrize("n", [1, 99, 100, 101])
def test_chunk_edges(ray_local, n):
    a = Replica.remote("a")
    out = RayEngineClient({"llm": [a]}, chunk=100).generate("llm", requests(n))
    assert len(out) == n and ray.get(a.count.remote()) == n
