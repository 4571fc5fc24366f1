export { getPortfolio, type Portfolio, type PortfolioSystem, type PortfolioRun, type PortfolioReview } from "./portfolio";
export { getReadiness, type Readiness, type ReadinessEntry } from "./readiness";
