// Send one lifecycle transition (all take { reviewId, version } and return a ReviewPayload).
import type { Session } from "../../api/session";
import {
  ConfirmTeamDocument,
  OpenSelfEvaluationDocument,
  PublishReviewDocument,
  StartConsensusDocument,
  StartFollowUpDocument,
  StartVisitDocument,
  SubmitReviewDocument,
  WithdrawReviewDocument,
  type ReviewPayloadFieldsFragment,
} from "../../gql/graphql";
import type { TransitionKey } from "./access";

export async function sendTransition(session: Session, key: TransitionKey, reviewId: string, version: number): Promise<ReviewPayloadFieldsFragment> {
  const input = { input: { reviewId, version } };
  switch (key) {
    case "openSelfEvaluation":
      return (await session.run(OpenSelfEvaluationDocument, input)).openSelfEvaluation;
    case "confirmTeam":
      return (await session.run(ConfirmTeamDocument, input)).confirmTeam;
    case "startVisit":
      return (await session.run(StartVisitDocument, input)).startVisit;
    case "startConsensus":
      return (await session.run(StartConsensusDocument, input)).startConsensus;
    case "submitReview":
      return (await session.run(SubmitReviewDocument, input)).submitReview;
    case "publishReview":
      return (await session.run(PublishReviewDocument, input)).publishReview;
    case "startFollowUp":
      return (await session.run(StartFollowUpDocument, input)).startFollowUp;
    case "withdrawReview":
      return (await session.run(WithdrawReviewDocument, input)).withdrawReview;
  }
}
