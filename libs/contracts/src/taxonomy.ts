/** A topic of the interest taxonomy (docs/taxonomy.md). */
export interface InterestTopicDto {
  id: string;
  slug: string;
  name: string;
  /** Interactions on this topic's knowledge items count toward car interest. */
  countsAsCar: boolean;
  knowledgeCategories: string[];
  knowledgeTags: string[];
  /** Partner item categories, also the categories of market signals. */
  partnerCategories: string[];
  createdAt: string;
  updatedAt: string;
}

export interface InterestTopicInput {
  slug: string;
  name: string;
  countsAsCar?: boolean;
  knowledgeCategories?: string[];
  knowledgeTags?: string[];
  partnerCategories?: string[];
}
