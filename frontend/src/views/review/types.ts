import type { AppContext } from "../../context";
import type { AssuranceFieldsFragment, ReviewFieldsFragment } from "../../gql/graphql";

export type Review = ReviewFieldsFragment & AssuranceFieldsFragment;
export type Area = Review["areas"][number];
export type Judgement = Review["selfEvaluation"][number];

export interface Section {
  /** The h1 of the section (the shell puts the review's title above it as a caption). */
  title: string;
  element: HTMLElement;
  onLiveUpdate?: (kind: string) => void;
  /** Called when the page is left (remove window listeners). */
  dispose?: () => void;
}

export type SectionRenderer = (ctx: AppContext, review: Review, areaKey?: string) => Promise<Section> | Section;
