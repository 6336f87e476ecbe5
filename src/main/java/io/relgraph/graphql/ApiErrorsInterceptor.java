package io.relgraph.graphql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

@ApiErrors
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ApiErrorsInterceptor {

    @AroundInvoke
    Object mapFailures(InvocationContext ctx) {
        try {
            Object result = ctx.proceed();
            if (result instanceof Uni<?> uni) {
                return uni.onFailure().transform(ErrorMapper::map);
            }
            return result;
        } catch (Throwable t) {
            ApiException mapped = ErrorMapper.map(t);
            // an argument check that fails before any I/O still answers through the Uni: batch fields
            // wrap synchronous throws into an anonymous RuntimeException, a failed Uni they pass on as is
            if (Uni.class.isAssignableFrom(ctx.getMethod().getReturnType())) {
                return Uni.createFrom().failure(mapped);
            }
            throw mapped;
        }
    }
}
