package dev.faultline.examples.shop.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void findsUsersAndAnswers404ForUnknownOnes() {
        given().get("/users/u-7").then().statusCode(200).body("email", equalTo("user7@shop.example"));
        given().get("/users/u-999").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
