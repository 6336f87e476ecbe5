package io.relgraph.compiler;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.relgraph.Database;

/**
 * The rows the differential test reads, written by SQL beside the API: a fixed shape (the same for
 * every run, drawn from a fixed seed) under a per-run name prefix, so that the generator can keep its
 * queries to these rows (ids above the other tests' rows, names with the prefix) and know how many
 * rows each relation can return.
 *
 * <p>Two worlds: the <em>regular</em> rows (departments with 0..many employees, heads and none,
 * links with and without extraData, repeated employee names, users with and without posts and
 * addresses, posts without owner, addresses without user) never touch the <em>crowd</em>: one
 * department with {@code max-page-size + 1} employees of one name, there to make unpaged lists
 * LIMIT_EXCEEDED. Rows are inserted in order big department, crowd, anchors, regular rows, so "after
 * the anchor" means "the regular rows".
 */
final class QueryGeneratorDataSet {

    static final int MAX_PAGE = 1000;
    /** An id above 2^53: JSON numbers would lose it, ID strings must not. */
    static final long HUGE = 9_007_199_254_740_993L + 8L * (System.currentTimeMillis() % 100_000_000L); // new per run: a database kept between runs (DB_URL) still has the last run's

    final String prefix = "dt" + UUID.randomUUID().toString().substring(0, 6);

    long bigDepartment;
    String bigDepartmentName;
    String crowdName;
    List<Long> crowd = new ArrayList<>();

    long anchorDepartment;
    long anchorEmployee;
    long anchorUser;
    String anchorDepartmentName;
    String anchorEmployeeName;
    String anchorUserName;

    final List<Long> departments = new ArrayList<>();
    final List<String> departmentNames = new ArrayList<>();
    final List<Long> employees = new ArrayList<>();
    /** Employee names; several employees share each. */
    final List<String> employeeNames = new ArrayList<>();
    final List<long[]> links = new ArrayList<>();
    /** The non-null extraData values of the regular links (all carry the prefix, except the empty string). */
    final List<String> extraData = new ArrayList<>();
    final List<Long> users = new ArrayList<>();
    final List<String> userNames = new ArrayList<>();
    final List<Long> posts = new ArrayList<>();
    final List<Long> addresses = new ArrayList<>();

    int maxEmployeesPerDepartment;
    int maxDepartmentsPerEmployee;
    int maxPostsPerUser;
    int maxAddressesPerUser;
    /** How many regular employees have each name. */
    final Map<String, Integer> employeeNameCounts = new HashMap<>();

    /** Real cursors handed out by the API, by order (a cursor is valid for its order on any root). */
    final Map<String, List<String>> cursors = new LinkedHashMap<>();
    /** Cursors of pages that start right after the anchors: the rest of such a page is the regular rows. */
    final Map<String, String> anchorCursors = new HashMap<>();
    final List<String> linkCursors = new ArrayList<>();
    String regularLinkCursor;

    static QueryGeneratorDataSet seed() {
        QueryGeneratorDataSet s = new QueryGeneratorDataSet();
        s.insert(new Random(20261126L));
        return s;
    }

    private void insert(Random r) {
        String p = prefix;
        bigDepartmentName = p + "-big";
        bigDepartment = id("insert into department (name) values (?) returning id", bigDepartmentName);
        crowdName = p + "-crowd";
        Database.update("insert into employee (name, hired_on) select ?, timestamptz '2001-02-03 04:05:06.789+00' + g * interval '1 hour'"
                + " from generate_series(1, ?) g", crowdName, MAX_PAGE + 1);
        Database.rows("select id from employee where name = ? order by id", crowdName).forEach(row -> crowd.add(((Number) row.get("id")).longValue()));
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select ?, id, ? from employee where name = ?", bigDepartment, p + "-crowded", crowdName);

        anchorDepartmentName = p + "-anchor";
        anchorEmployeeName = p + "-anchor";
        anchorUserName = p + "-anchor";
        anchorDepartment = id("insert into department (name) values (?) returning id", anchorDepartmentName);
        anchorEmployee = id("insert into employee (name) values (?) returning id", anchorEmployeeName);
        anchorUser = id("insert into users (name) values (?) returning id", anchorUserName);

        // departments: unique names, some of them awkward
        String[] awkward = { "Zoë & Co", "O'Brien \"quoted\"", "back\\slash", "tab\there", "line\nbreak", "😀 emoji", "李雷",
                "<b>bold</b>", "  spaced  " };
        for (int i = 0; i < 30; i++) {
            String name = p + "-D" + i + (i < awkward.length ? " " + awkward[i] : "");
            departmentNames.add(name);
            departments.add(id("insert into department (name) values (?) returning id", name));
        }
        String longName = (p + "-long-").concat("x".repeat(256)).substring(0, 256);
        departmentNames.add(longName);
        departments.add(id("insert into department (name) values (?) returning id", longName));
        departmentNames.add(p + "-huge");
        departments.add(id("insert into department (id, name) values (?, ?) returning id", HUGE + 2, p + "-huge"));

        // employees: names repeat; hiring times in odd formats (no fraction, micros, offsets, before 1970)
        String[] first = { "Ann", "Bob", "Zoë", "O'Brien", "李雷", "a\"quote", "back\\slash", "tab\tname", "😀", "line\nbreak", "Ann ", "ann" };
        for (String f : first) {
            employeeNames.add(p + "-" + f);
        }
        String[] times = { "2020-01-01T00:00:00Z", "1999-12-31T23:59:59.999999Z", "2024-02-29T12:30:00.1+02:00", "1969-07-20T20:17:40Z",
                "2026-11-26T12:00:00.000001-05:00", "1900-01-01T00:00:00Z", "2038-01-19T03:14:08.5Z", "2000-06-15T10:00:00.120+05:30",
                "2010-10-10T10:10:10.010101Z", "2099-12-31T23:59:00Z" };
        for (int i = 0; i < 90; i++) {
            String name = employeeNames.get(r.nextInt(employeeNames.size()));
            OffsetDateTime t = OffsetDateTime.parse(times[r.nextInt(times.length)]).plusMinutes(r.nextInt(1000));
            employees.add(id("insert into employee (name, hired_on) values (?, ?) returning id", name, t));
            employeeNameCounts.merge(name, 1, Integer::sum);
        }
        employees.add(id("insert into employee (id, name, hired_on) values (?, ?, ?) returning id", HUGE, employeeNames.get(0),
                OffsetDateTime.parse("2021-03-04T05:06:07.000890Z")));
        employeeNameCounts.merge(employeeNames.get(0), 1, Integer::sum);
        String longEmployee = (p + "-long-").concat("z".repeat(256)).substring(0, 256);
        employeeNames.add(longEmployee);
        employees.add(id("insert into employee (name) values (?) returning id", longEmployee));
        employeeNameCounts.merge(longEmployee, 1, Integer::sum);

        // links: employees in 0..3 departments, extraData null or not (some empty, one of 256 characters)
        extraData.addAll(List.of(p + "-part-time", p + "-full-time", "", p + "-émigré \"q\" \\", (p + "-").concat("y".repeat(256)).substring(0, 256)));
        for (long e : employees) {
            if (r.nextInt(5) == 0) {
                continue; // in no department
            }
            List<Long> ds = new ArrayList<>(departments);
            Collections.shuffle(ds, r);
            int n = 1 + r.nextInt(3);
            for (long d : ds.subList(0, n)) {
                if (d == departments.get(3) || d == departments.get(7)) {
                    continue; // departments without employees
                }
                String extra = r.nextInt(10) < 4 ? null : extraData.get(r.nextInt(extraData.size()));
                Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, ?)", d, e, extra);
                links.add(new long[] { d, e });
            }
        }
        // heads: about half of the departments, each headed by a different employee
        List<Long> heads = new ArrayList<>(employees);
        Collections.shuffle(heads, r);
        for (int i = 0; i < departments.size(); i += 2) {
            Database.update("update department set head_id = ? where id = ?", heads.get(i), departments.get(i));
        }

        // users, posts (some without owner, some without title), addresses (some without user)
        String[] userFirst = { "john", "mary", "zoë", "o'neil", "john" };
        for (int i = 0; i < 25; i++) {
            String name = p + "-u-" + userFirst[r.nextInt(userFirst.length)];
            userNames.add(name);
            users.add(id("insert into users (name) values (?) returning id", name));
        }
        users.add(id("insert into users (id, name) values (?, ?) returning id", HUGE + 4, p + "-u-huge"));
        String longUser = (p + "-u-long-").concat("w".repeat(256)).substring(0, 256);
        userNames.add(longUser);
        users.add(id("insert into users (name) values (?) returning id", longUser));
        for (int i = 0; i < 50; i++) {
            Long owner = i % 5 == 0 ? null : users.get(r.nextInt(users.size() / 2));
            String title = i % 7 == 0 ? null : p + "-post " + i + (i % 3 == 0 ? " «ü»" : "");
            posts.add(id("insert into post (owner_id, title) values (?, ?) returning id", owner, title));
        }
        for (int i = 0; i < 40; i++) {
            Long user = i % 8 == 0 ? null : users.get(r.nextInt(users.size() / 2));
            addresses.add(id("insert into address (user_id, address) values (?, ?) returning id", user, p + "-street " + i));
        }

        languageWorld(new Random(16L));

        maxEmployeesPerDepartment = maxGroup("select count(*) c from department_employee_link where department_id >= ? group by department_id",
                anchorDepartment);
        maxDepartmentsPerEmployee = maxGroup("select count(*) c from department_employee_link where employee_id >= ? group by employee_id",
                anchorEmployee);
        maxPostsPerUser = maxGroup("select count(*) c from post where owner_id >= ? group by owner_id", anchorUser);
        maxAddressesPerUser = maxGroup("select count(*) c from address where user_id >= ? group by user_id", anchorUser);
    }

    /**
     * Rows for the read language's filters (issue 16), beside the regular ones and drawn from their own
     * seed (the regular rows stay as they were): names that differ only in case, across alphabets
     * ("Ödön", "ödön", "ÖDÖN", "Дима"), with {@code %} and {@code _} and their look-alikes ("a%b", "a_b",
     * "axb"), duplicates, prefixes of one another ("Dept 1", "Dept 10"); departments without employees,
     * employees without departments, links without extraData, posts without title or owner.
     */
    private void languageWorld(Random r) {
        String p = prefix;
        String[] words = { "Ödön", "ödön", "ÖDÖN", "a%b", "a_b", "axb", "50%", "5_0", "Dept 1", "Dept 10", "Дима", "дима", "Part-Time", "part-time" };
        List<Long> ds = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            ds.add(id("insert into department (name) values (?) returning id", p + "-L " + words[i]));
        }
        List<Long> es = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String name = p + "-L " + words[r.nextInt(words.length)];
            OffsetDateTime t = OffsetDateTime.parse("2015-05-05T05:05:05Z").plusHours(r.nextInt(6)).plusSeconds(r.nextInt(2) * 30);
            es.add(id("insert into employee (name, hired_on) values (?, ?) returning id", name, t));
        }
        String[] extra = { null, null, "", "50%", "5_0", "500", "Part-Time", "part-time", "Ödön", "ödön", p + "-x" };
        for (long d : ds.subList(0, ds.size() - 3)) { // the last three have no employees
            for (long e : es.subList(0, es.size() - 4)) { // the last four are in no department
                if (r.nextInt(4) == 0) {
                    Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, ?)", d, e,
                            extra[r.nextInt(extra.length)]);
                }
            }
        }
        for (int i = 0; i < ds.size(); i += 3) {
            Database.update("update department set head_id = ? where id = ?", es.get(i), ds.get(i));
        }
        List<Long> us = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            us.add(id("insert into users (name) values (?) returning id", p + "-L " + words[r.nextInt(words.length)]));
        }
        for (int i = 0; i < 16; i++) {
            Long owner = r.nextInt(5) == 0 ? null : us.get(r.nextInt(us.size() - 2));
            String title = r.nextInt(4) == 0 ? null : words[r.nextInt(words.length)];
            Database.update("insert into post (owner_id, title) values (?, ?)", owner, title);
        }
        for (int i = 0; i < 10; i++) {
            Long user = r.nextInt(5) == 0 ? null : us.get(r.nextInt(us.size() - 2));
            Database.update("insert into address (user_id, address) values (?, ?)", user, words[r.nextInt(words.length)]);
        }
    }

    private static int maxGroup(String sql, long from) {
        return Database.rows(sql, from).stream().mapToInt(row -> ((Number) row.get("c")).intValue()).max().orElse(0);
    }

    private static long id(String sql, Object... params) {
        return ((Number) Database.rows(sql, params).get(0).get("id")).longValue();
    }

    void addCursor(String order, String cursor) {
        if (cursor != null) {
            List<String> list = cursors.computeIfAbsent(order, k -> new ArrayList<>());
            if (!list.contains(cursor)) {
                list.add(cursor);
            }
        }
    }

    /** Anything the generator should know, for a failure message. */
    String describe() {
        return "prefix " + prefix + ", big department " + bigDepartment + ", anchors " + anchorDepartment + "/" + anchorEmployee + "/"
                + anchorUser + ", " + departments.size() + " departments, " + employees.size() + " employees, " + links.size() + " links, "
                + users.size() + " users, max fan-out " + maxEmployeesPerDepartment + "/" + maxDepartmentsPerEmployee + "/" + maxPostsPerUser
                + "/" + maxAddressesPerUser;
    }
}
