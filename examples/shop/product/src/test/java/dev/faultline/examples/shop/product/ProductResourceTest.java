package dev.faultline.examples.shop.product;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    @Test
    void listsAndFindsProducts() {
        given().get("/products").then().statusCode(200).body("$", hasSize(Catalog.SIZE));
        given().get("/products/p-3").then().statusCode(200).body("priceCents", equalTo(399));
        given().get("/products/nope").then().statusCode(404);
    }

    @Test
    void exposesHealthAndPrometheusMetrics() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
