"""Live updates over a real WebSocket (graphql-transport-ws), through the running app."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from peerqa import db, events
from peerqa.config import Settings
from peerqa.credentials import digest, new_token
from peerqa.models import ApiToken, Review
from peerqa.models.enums import ReviewState, TeamRole
from peerqa.schema.app import create_app
from peerqa.schema.ids import encode
from tests.conftest import postgres_url, recreate_postgres_database
from tests.factories import make_partnership, make_review, make_school, make_user

SUBSCRIBE = "subscription($id: ID!) { reviewUpdated(reviewId: $id) { kind review { state } } }"
ADD_EVIDENCE = """mutation($input: AddEvidenceInput!) {
  addEvidence(input: $input) { evidence { id } errors { code message } }
}"""


async def prepare(settings: Settings) -> dict[str, Any]:
    """A migrated database with a review in its visit and a token for its lead, the host's
    headteacher and an outsider."""
    await db.migrate(settings)
    async with db.orm(settings):
        host, other = await make_school("Host"), await make_school("Other")
        lead = await make_user(school=other)
        host_head = await make_user(school=host)
        outsider = await make_user(school=await make_school("Elsewhere"))
        review = await make_review(
            host, await make_partnership(host, other), team=((lead, TeamRole.LEAD),)
        )
        await Review.filter(id=review.id).update(state=ReviewState.VISIT)
        tokens = {}
        for name, user in (("lead", lead), ("host", host_head), ("outsider", outsider)):
            raw = new_token("pqa_")
            await ApiToken.create(user=user, name="ws", prefix=raw[:12], token_hash=digest(raw))
            tokens[name] = raw
        return {"review_id": encode("Review", review.id), "pk": review.id, "tokens": tokens}


@pytest.fixture
def live(backend: str, tmp_path: Path) -> tuple[Settings, dict[str, Any]]:
    if backend == "sqlite":
        settings = Settings(
            env="test", data_dir=tmp_path, allowed_hosts=("testserver",), ui_dir=tmp_path
        )
    else:
        url = postgres_url("live") or ""
        asyncio.run(recreate_postgres_database(url))
        settings = Settings(
            env="test", database_url=url, allowed_hosts=("testserver",), ui_dir=tmp_path
        )
    return settings, asyncio.run(prepare(settings))


def connect(ws: Any, token: str) -> None:
    ws.send_json({"type": "connection_init", "payload": {"token": token}})
    assert ws.receive_json()["type"] == "connection_ack"


def wait_for_subscriber(topic: str) -> None:
    deadline = time.monotonic() + 5
    while events.hub.subscriber_count(topic) == 0:
        assert time.monotonic() < deadline, "the subscription never registered"
        time.sleep(0.01)


def add_evidence(client: TestClient, data: dict[str, Any], text: str) -> None:
    """The lead records a piece of evidence over HTTP."""
    evidence = {"kind": "DOCUMENT", "text": text, "areaKeys": ["inclusion"]}
    response = client.post(
        "/graphql",
        json={
            "query": ADD_EVIDENCE,
            "variables": {"input": {"reviewId": data["review_id"], "evidence": evidence}},
        },
        headers={"authorization": f"Bearer {data['tokens']['lead']}"},
    )
    assert response.json()["data"]["addEvidence"]["errors"] == []


def test_review_updated_arrives_within_a_second(live: tuple[Settings, dict[str, Any]]) -> None:
    settings, data = live
    with (
        TestClient(create_app(settings), base_url="https://testserver") as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        connect(ws, data["tokens"]["lead"])
        ws.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": SUBSCRIBE, "variables": {"id": data["review_id"]}},
            }
        )
        wait_for_subscriber(events.review_topic(data["pk"]))
        started = time.monotonic()
        add_evidence(client, data, "Curriculum plans read.")
        message = ws.receive_json()
        elapsed = time.monotonic() - started
        assert message["type"] == "next", message
        assert message["payload"]["data"]["reviewUpdated"] == {
            "kind": "evidence.add",
            "review": {"state": "VISIT"},
        }
        assert elapsed < 1.0
        ws.send_json({"id": "1", "type": "complete"})


def test_the_host_hears_that_the_review_changed_but_not_what_the_team_wrote(
    live: tuple[Settings, dict[str, Any]],
) -> None:
    """The host's staff may not read the team's evidence, so they hear 'review.updated'."""
    settings, data = live
    with (
        TestClient(create_app(settings), base_url="https://testserver") as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as lead,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as host,
    ):
        for ws, who in ((lead, "lead"), (host, "host")):
            connect(ws, data["tokens"][who])
            ws.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIBE, "variables": {"id": data["review_id"]}},
                }
            )
        deadline = time.monotonic() + 5
        while events.hub.subscriber_count(events.review_topic(data["pk"])) < 2:
            assert time.monotonic() < deadline, "the subscriptions never registered"
            time.sleep(0.01)
        add_evidence(client, data, "Behaviour logs read.")
        heard = {
            who: ws.receive_json()["payload"]["data"]["reviewUpdated"]["kind"]
            for ws, who in ((lead, "lead"), (host, "host"))
        }
        assert heard == {"lead": "evidence.add", "host": "review.updated"}


def test_subscriptions_need_a_signed_in_user_who_can_see_the_review(
    live: tuple[Settings, dict[str, Any]],
) -> None:
    settings, data = live
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init", "payload": {}})
            assert ws.receive()["type"] == "websocket.close"
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            connect(ws, data["tokens"]["outsider"])
            ws.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIBE, "variables": {"id": data["review_id"]}},
                }
            )
            message = ws.receive_json()
            assert message["type"] in ("error", "next")
            errors = (
                message["payload"] if message["type"] == "error" else message["payload"]["errors"]
            )
            assert errors[0]["extensions"]["code"] == "NOT_FOUND"
