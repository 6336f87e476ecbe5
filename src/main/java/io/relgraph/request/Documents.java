package io.relgraph.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.VariableReference;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import graphql.validation.Validator;
import io.relgraph.RelgraphConfig;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.ErrorMapper;

/**
 * Parses and validates documents, once per distinct text (a bounded cache: clients send the same few
 * documents with different variables). The parser is bounded in characters, tokens and nesting, and
 * a document whose fragments would expand beyond the field limit is refused before validation, whose
 * cost grows with the expanded size (a "fragment bomb" is small on the wire).
 */
@ApplicationScoped
public class Documents {

    private final int maxLength;
    private final int maxFields;
    private final ParserOptions parserOptions;
    private final Cache<String, CheckedDocument> cache;

    public Documents(RelgraphConfig config) {
        int maxLength = config.graphql().maxDocumentLength();
        int maxFields = config.graphql().maxComplexity();
        int cacheSize = config.graphql().documentCacheSize();
        this.maxLength = maxLength;
        this.maxFields = maxFields;
        this.parserOptions = ParserOptions.newParserOptions().captureIgnoredChars(false).captureLineComments(false)
                .captureSourceLocation(true).maxCharacters(maxLength).maxTokens(15_000).maxWhitespaceTokens(200_000)
                .maxRuleDepth(500).build();
        this.cache = Caffeine.newBuilder().maximumWeight(cacheSize * 2_000L)
                .weigher((String text, CheckedDocument d) -> Math.max(1, text.length())).build();
    }

    /** The checked document; throws {@link RequestException} when it is refused. */
    CheckedDocument check(String text, GraphQLSchema schema) {
        if (text.length() > maxLength) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, "The document is " + text.length()
                    + " characters long, more than " + maxLength + " (relgraph.graphql.max-document-length)", null);
        }
        CheckedDocument checked = cache.get(text, t -> checkUncached(t, schema));
        if (checked.refusal() != null) {
            throw checked.refusal();
        }
        return checked;
    }

    private CheckedDocument checkUncached(String text, GraphQLSchema schema) {
        try {
            Document document = parse(text);
            rejectNul(document);
            long expanded = expandedFields(document);
            if (expanded > maxFields) {
                throw new RequestException(ErrorCode.LIMIT_EXCEEDED, "The document selects " + expanded
                        + " fields once its fragments are expanded, more than " + maxFields
                        + " (relgraph.graphql.max-complexity)", null);
            }
            List<? extends GraphQLError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
            if (!errors.isEmpty()) {
                List<RequestException.Error> out = new ArrayList<>();
                for (GraphQLError e : errors) {
                    out.add(new RequestException.Error(ErrorCode.VALIDATION, ErrorMapper.inApiWords(e.getMessage()), e.getLocations()));
                }
                throw new RequestException(out);
            }
            Set<String> conditions = conditionVariables(document, new HashSet<>());
            Set<String> cost = new HashSet<>(conditions);
            firstVariables(document, cost);
            return new CheckedDocument(document, conditions, cost);
        } catch (RequestException e) {
            return CheckedDocument.refused(e);
        }
    }

    private Document parse(String text) {
        try {
            return new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(text)
                    .parserOptions(parserOptions).locale(Locale.ENGLISH).build());
        } catch (ParseCancelledException | ParseCancelledTooDeepException | ParseCancelledTooManyCharsException e) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, e.getMessage(), location(e));
        } catch (InvalidSyntaxException e) {
            throw new RequestException(ErrorCode.VALIDATION, e.getMessage(), location(e));
        }
    }

    private static List<SourceLocation> location(InvalidSyntaxException e) {
        return e.getLocation() == null ? List.of() : List.of(e.getLocation());
    }

    private static Set<String> conditionVariables(Node<?> node, Set<String> found) {
        if (node instanceof Directive d && (d.getName().equals("include") || d.getName().equals("skip"))
                && d.getArgument("if") != null && d.getArgument("if").getValue() instanceof VariableReference v) {
            found.add(v.getName());
        }
        for (Node<?> child : node.getChildren()) {
            conditionVariables(child, found);
        }
        return found;
    }

    /**
     * The variables given to a {@code first} argument, and those in a {@code where}: they decide how many
     * rows a list may hold, and how many a where may visit.
     */
    private static void firstVariables(Node<?> node, Set<String> found) {
        if (node instanceof Field f && f.getArguments() != null) {
            for (graphql.language.Argument a : f.getArguments()) {
                if (a.getName().equals("first") && a.getValue() instanceof VariableReference v) {
                    found.add(v.getName());
                } else if (a.getName().equals("where")) {
                    variables(a.getValue(), found);
                }
            }
        }
        for (Node<?> child : node.getChildren()) {
            firstVariables(child, found);
        }
    }

    private static void variables(Node<?> node, Set<String> found) {
        if (node instanceof VariableReference v) {
            found.add(v.getName());
        }
        for (Node<?> child : node.getChildren()) {
            variables(child, found);
        }
    }

    /** PostgreSQL refuses NUL in text; a client's NUL is the client's mistake, said so before any SQL. */
    private static void rejectNul(Node<?> node) {
        if (node instanceof StringValue s && s.getValue() != null && s.getValue().indexOf('\0') >= 0) {
            throw new RequestException(ErrorCode.VALIDATION, "Strings must not contain NUL characters (U+0000)",
                    List.of(s.getSourceLocation()));
        }
        for (Node<?> child : node.getChildren()) {
            rejectNul(child);
        }
    }

    /**
     * Fields the document selects with every fragment spread expanded, counted without expanding
     * (each fragment's size once, memoized; a cycle counts nothing here and fails validation later).
     */
    private static long expandedFields(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        Map<String, Long> sizes = new HashMap<>();
        long total = 0;
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition op) {
                total = Math.max(total, size(op.getSelectionSet(), fragments, sizes));
            }
        }
        return total;
    }

    private static long size(SelectionSet set, Map<String, FragmentDefinition> fragments, Map<String, Long> sizes) {
        if (set == null) {
            return 0;
        }
        long n = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                n = saturatedAdd(n, 1 + size(f.getSelectionSet(), fragments, sizes));
            } else if (s instanceof InlineFragment i) {
                n = saturatedAdd(n, size(i.getSelectionSet(), fragments, sizes));
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition f = fragments.get(spread.getName());
                if (f != null) {
                    Long known = sizes.get(f.getName());
                    if (known == null) {
                        sizes.put(f.getName(), 0L); // in progress: a cycle adds nothing
                        known = size(f.getSelectionSet(), fragments, sizes);
                        sizes.put(f.getName(), known);
                    }
                    n = saturatedAdd(n, known);
                }
            }
        }
        return n;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
