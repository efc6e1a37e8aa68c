package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZuoraOAuthTest extends ZuoraSimulatorFixture {

    @Test
    void clientCredentialsGetABearerTokenInZuorasShape() throws Exception {
        HttpResponse<String> response = client.postToken(ZuoraTestClient.CLIENT_ID, ZuoraTestClient.CLIENT_SECRET,
                "client_credentials");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        String body = response.body();
        assertTrue(ResponseJson.text(body, "access_token").matches("[0-9a-f]{32}"), body);
        assertEquals("bearer", ResponseJson.text(body, "token_type"));
        assertEquals(3599, ResponseJson.number(body, "expires_in"));
        assertTrue(ResponseJson.text(body, "jti").matches("[0-9a-f]{32}"), body);
        assertTrue(ResponseJson.text(body, "scope").contains("tenant."), body);
        assertEquals(ZuoraTestClient.CLIENT_SECRET,
                simulator.requests().get(0).fields().get("client_secret"), "the form is decoded");
    }

    @Test
    void wrongSecretGets401InvalidClient() throws Exception {
        HttpResponse<String> response = client.postToken(ZuoraTestClient.CLIENT_ID, "wrong", "client_credentials");

        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", ResponseJson.text(response.body(), "error"));
        assertEquals(401, client.postToken("nobody", ZuoraTestClient.CLIENT_SECRET, "client_credentials")
                .statusCode());
    }

    @Test
    void grantTypeOtherThanClientCredentialsGets400() throws Exception {
        HttpResponse<String> response = client.postToken(ZuoraTestClient.CLIENT_ID, ZuoraTestClient.CLIENT_SECRET,
                "password");

        assertEquals(400, response.statusCode());
        assertEquals("unsupported_grant_type", ResponseJson.text(response.body(), "error"));
    }

    @Test
    void apiCallWithoutTokenGets401WithZuoraErrorCode() throws Exception {
        HttpResponse<String> response = client.get("/v1/bulk/" + "0".repeat(32), null);

        assertEquals(401, response.statusCode());
        assertEquals(false, ResponseJson.bool(response.body(), "success"));
        assertEquals(ZuoraRestSimulator.CODE_AUTHENTICATION, ResponseJson.number(response.body(), "code"));
    }

    @Test
    void tokenExpiresAfter3599SecondsByTheClock() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));

        clock.advance(Duration.ofSeconds(3598));
        assertEquals(200, client.get("/v1/bulk/" + bulkKey, token).statusCode());
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = client.get("/v1/bulk/" + bulkKey, token);

        assertEquals(401, expired.statusCode());
        assertEquals("Authentication error", ResponseJson.text(expired.body(), "message"));
        assertEquals(200, client.get("/v1/bulk/" + bulkKey, client.token()).statusCode());
    }

    @Test
    void expireAllTokensMakesTheNextCall401UntilANewToken() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));

        simulator.expireAllTokens();
        HttpResponse<String> refused = client.get("/v1/bulk/" + bulkKey, token);

        assertEquals(401, refused.statusCode());
        assertEquals("Authentication error", ResponseJson.text(refused.body(), "message"));
        String fresh = client.token();
        assertNotEquals(token, fresh);
        assertEquals(200, client.get("/v1/bulk/" + bulkKey, fresh).statusCode());
    }

    @Test
    void unknownTokenGets401AndNoJob() throws Exception {
        HttpResponse<String> response = client.post("/v1/bulk", "f21f017e4724445d8647b1f0de7ed6f1",
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("UpdateAccountingCode", null)));

        assertEquals(401, response.statusCode());
        assertEquals(0, simulator.jobCount());
    }
}
