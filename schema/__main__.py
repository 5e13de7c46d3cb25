"""``python -m peerqa.schema export|check``: write or verify schema/schema.graphql."""

from __future__ import annotations

import sys
from pathlib import Path

from peerqa.schema import print_sdl

SDL_PATH = Path(__file__).resolve().parent / "schema.graphql"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "export"
    sdl = print_sdl()
    if command == "export":
        SDL_PATH.write_text(sdl, encoding="utf-8")
        print(f"wrote {SDL_PATH.name}")  # noqa: T201
        return 0
    if command == "check":
        if SDL_PATH.read_text(encoding="utf-8") != sdl:
            print("schema/schema.graphql is stale: run 'make schema'.", file=sys.stderr)  # noqa: T201
            return 1
        return 0
    print("usage: python -m peerqa.schema [export|check]", file=sys.stderr)  # noqa: T201
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
