package io.relgraph.estimate;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.relgraph.Database;

/**
 * What the row estimate is built on, seen from outside: the application's gauges
 * ({@code relgraph_estimate_rows{list=...}} on /q/metrics) next to the same lengths counted here
 * by SQL written for the test. A test that changed rows waits until the two agree (a measure after
 * its change has completed), so that what it then asserts does not depend on when the refresh ran.
 */
final class MeasuredSizes {

    private static final Pattern GAUGE = Pattern.compile("^relgraph_estimate_rows\\{list=\"([^\"]+)\",?\\} (\\S+)$", Pattern.MULTILINE);
    /** The measure counts no further than the page limit + 1. */
    private static final long CAP = 1001;
    /** Not a timing threshold: how long to wait for the once-a-second refresh (ArticleData) before calling the test hung. */
    private static final long HANG_MILLIS = 60_000;

    private MeasuredSizes() {
    }

    /** The gauges: list coordinate → longest list measured. */
    static Map<String, Long> gauges() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = GAUGE.matcher(metrics);
        while (m.find()) {
            out.put(m.group(1), m.group(2).equals("NaN") ? -1 : (long) Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** The same lengths, counted by the test. */
    static Map<String, Long> inDatabase() {
        Map<String, Long> out = new LinkedHashMap<>();
        long perDepartment = largestGroup("department_employee_link", "department_id");
        long perEmployee = largestGroup("department_employee_link", "employee_id");
        out.put("Query.departments", rows("department"));
        out.put("Query.employees", rows("employee"));
        out.put("Query.employees(name)", largestGroup("employee", "name"));
        out.put("Query.users", rows("users"));
        out.put("Query.links", rows("department_employee_link"));
        out.put("Query.links(departmentId)", perDepartment);
        out.put("Query.links(employeeId)", perEmployee);
        out.put("Query.links(extraData)", largestGroup("department_employee_link", "extra_data"));
        out.put("Department.employees", perDepartment);
        out.put("Department.employeeLinks", perDepartment);
        out.put("Employee.departments", perEmployee);
        out.put("Employee.departmentLinks", perEmployee);
        out.put("User.posts", largestGroup("post", "owner_id"));
        out.put("User.addresses", largestGroup("address", "user_id"));
        return out;
    }

    /** Waits until the application's measure agrees with the database; returns the lengths. */
    static Map<String, Long> awaitCurrent() {
        Map<String, Long> expected = inDatabase();
        long deadline = System.currentTimeMillis() + HANG_MILLIS;
        Map<String, Long> seen = gauges();
        while (!seen.equals(expected)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The row estimate's measure never caught up with the database: measured " + seen
                        + ", in the database " + expected);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            seen = gauges();
        }
        return expected;
    }

    private static long rows(String table) {
        return Math.min(CAP, Database.count("select count(*) from " + table));
    }

    private static long largestGroup(String table, String column) {
        return Math.min(CAP, Database.count("select coalesce(max(n), 0) from (select count(*) n from " + table + " where " + column
                + " is not null group by " + column + ") g"));
    }
}
