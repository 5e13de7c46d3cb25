import { ApiError } from "../../api/session";
import type { AppContext } from "../../context";
import { ReviewDocument } from "../../gql/graphql";
import type { Review } from "./types";

/** The review with everything the workspace shows; null when it does not exist or is not mine to see. */
export async function loadReview(ctx: AppContext, reviewId: string): Promise<Review | null> {
  try {
    const data = await ctx.session.run(ReviewDocument, { id: reviewId });
    const node = data.node;
    return node && "title" in node ? (node as Review) : null;
  } catch (error) {
    if (error instanceof ApiError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return null;
    throw error;
  }
}
