// Evidence that could not be sent (offline, server unreachable) is kept in localStorage,
// per review, until it is sent. Nothing here talks to the network.
import type { EvidenceInput } from "./gql/graphql";

export interface Draft {
  /** Local id, to remove the draft once sent. */
  localId: string;
  reviewId: string;
  evidence: EvidenceInput;
  savedAt: string;
}

const PREFIX = "peerqa.evidenceDrafts.";

function key(reviewId: string): string {
  return PREFIX + reviewId;
}

export class Outbox {
  constructor(private readonly storage: Storage = window.localStorage) {}

  list(reviewId: string): Draft[] {
    const raw = this.storage.getItem(key(reviewId));
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as Draft[]) : [];
    } catch {
      return [];
    }
  }

  add(reviewId: string, evidence: EvidenceInput, now: Date = new Date()): Draft {
    const draft: Draft = {
      localId: `${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`,
      reviewId,
      // Keep the time it was seen: a draft sent later must not look newer than it is.
      evidence: { ...evidence, observedAt: evidence.observedAt ?? now.toISOString() },
      savedAt: now.toISOString(),
    };
    this.write(reviewId, [...this.list(reviewId), draft]);
    return draft;
  }

  remove(reviewId: string, localId: string): void {
    this.write(reviewId, this.list(reviewId).filter((d) => d.localId !== localId));
  }

  /** Drafts left by any review (e.g. to tell the user at sign-out). */
  count(): number {
    let total = 0;
    for (let i = 0; i < this.storage.length; i += 1) {
      const k = this.storage.key(i);
      if (k?.startsWith(PREFIX)) total += this.list(k.slice(PREFIX.length)).length;
    }
    return total;
  }

  private write(reviewId: string, drafts: Draft[]): void {
    if (drafts.length === 0) this.storage.removeItem(key(reviewId));
    else this.storage.setItem(key(reviewId), JSON.stringify(drafts));
  }
}
