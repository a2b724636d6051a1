/** Session of the merchant the setup project signs up (git-ignored, recreated every run). */
export const MERCHANT_STATE = ".data/e2e-auth/merchant.json";

/** The platform intake token the e2e server runs with (playwright.config.ts webServer env). */
export const PLATFORM_API_TOKEN = "e2e-platform-token-5f3a9c2d7b1e";
