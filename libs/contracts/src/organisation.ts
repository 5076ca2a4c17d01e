/** A public body that runs municipal services: Vichy Communauté and its communes. */
export interface OrganisationView {
  id: string;
  slug: string;
  name: string;
  kind: 'intercommunality' | 'commune';
}

export interface GetOrganisationQuery {
  id: string;
}
