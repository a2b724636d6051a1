/** Session of the merchant the setup project signs up (git-ignored, recreated every run). */
export const MERCHANT_STATE = ".data/e2e-auth/merchant.json";
