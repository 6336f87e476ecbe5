package io.relgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The engines' messages about an argument's value, as graphql-java and SmallRye word them, said in
 * the API's words by {@link ErrorMapper#inApiWords(String)} (no Quarkus): the pipeline's validation
 * and the resolver engine's errors both pass through it.
 */
class ErrorMessagesInApiWordsTest {

    @Test
    void smallRyesConversionInsideAFieldNamesTheGraphQLType() {
        // the message of issue 15, from SmallRye's conversion of a Long argument
        assertEquals("Argument 'id' must be an ID (a positive integer), got the String \"[]\"",
                ErrorMapper.inApiWords("argument 'id' with value 'StringValue{value='[]'}' is not a valid 'BigInteger'"));
        assertEquals("Argument 'hiredOn' must be a DateTime (ISO-8601 with an offset, e.g. 2026-11-29T10:00:00Z), got the String \"yesterday\"",
                ErrorMapper.inApiWords("argument 'hiredOn' with value 'StringValue{value='yesterday'}' is not a valid 'DateTime'"));
        // a variable's value comes as it was sent
        assertEquals("Argument 'id' must be an ID (a positive integer), got \"abc\"",
                ErrorMapper.inApiWords("argument 'id' with value 'abc' is not a valid 'BigInteger'"));
    }

    @Test
    void graphqlJavasValidationDropsTheSyntaxTreeAndTheScalarsReason() {
        assertEquals("Argument 'first' of 'employees' must be an Int (a whole number of 32 bits), got the Float 1.5",
                ErrorMapper.inApiWords("Validation error (WrongType@[department/employees]) : argument 'first' with value"
                        + " 'FloatValue{value=1.5}' is not a valid 'Int' - SRGQL000021: Can not parse a integer from [FloatValue{value=1.5}]"));
        assertEquals("Argument 'orderBy' of 'departmentPage' must be a ListOrder value, got the enum value FOO",
                ErrorMapper.inApiWords("Validation error (WrongType@[departmentPage]) : argument 'orderBy' with value 'EnumValue{name='FOO'}'"
                        + " is not a valid 'ListOrder' - Literal value not in allowable values for enum 'ListOrder' - 'EnumValue{name='FOO'}'"));
        assertEquals("Argument 'id' of 'department' must be an ID (a positive integer), got an input object",
                ErrorMapper.inApiWords("Validation error (WrongType@[department]) : argument 'id' with value 'ObjectValue{objectFields=[ObjectField"
                        + "{name='a', value=IntValue{value=1}}]}' is not a valid 'ID' - Expected an AST type of 'IntValue' or 'StringValue' but it was a 'ObjectValue'"));
        assertEquals("Argument 'name' of 'departmentByName' must be a String, got the Int 5",
                ErrorMapper.inApiWords("Validation error (WrongType@[departmentByName]) : argument 'name' with value 'IntValue{value=5}'"
                        + " is not a valid 'String' - Expected an AST type of 'StringValue' but it was a 'IntValue'"));
    }

    @Test
    void theNullThatFollowsAnErrorSaysSoAndOtherMessagesStayAsTheyAre() {
        assertEquals("The field createEmployee has no value because of the other error of this request, so it is null",
                ErrorMapper.inApiWords("The field at path '/createEmployee' was declared as a non null type, but the code involved in"
                        + " retrieving data has wrongly returned a null value.  The graphql specification requires ..."));
        String own = "Validation error (FieldUndefined@[nope]) : Field 'nope' in type 'Query' is undefined";
        assertEquals(own, ErrorMapper.inApiWords(own));
        assertEquals(null, ErrorMapper.inApiWords(null));
    }
}
