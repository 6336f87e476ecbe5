package io.relgraph.aggregate;

import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import org.eclipse.microprofile.graphql.Description;

/** The links sharing one value of each key grouped by, counted; the fields not grouped by are null */
@Description("The links sharing one value of each key grouped by, counted; the fields not grouped by are null")
public record LinkGroup(String extraData, Department department, Employee employee, int count) {
}
