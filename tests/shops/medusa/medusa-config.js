// The Medusa shop the adapter tests start: loopback only, no admin dashboard (it would need a Vite build),
// CORS for the client's origin, secrets that only guard a throw-away test shop.
const { defineConfig } = require("@medusajs/framework/utils");

const cors = process.env.B2B_CORS_ORIGIN || "http://127.0.0.1:8080";

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    databaseLogging: false,
    http: {
      storeCors: cors,
      adminCors: cors,
      authCors: cors,
      jwtSecret: "b2b-ordering-test-shop-jwt",
      cookieSecret: "b2b-ordering-test-shop-cookie",
    },
  },
  admin: { disable: true },
});
