// The per-merchant endpoint limit's wording: the 409 from createEndpoint and the list page's notice say the same.
export const limitMessage = (max: number) => `Only ${max} webhooks are allowed per merchant`;
