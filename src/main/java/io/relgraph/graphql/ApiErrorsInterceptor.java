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
            throw ErrorMapper.map(t);
        }
    }
}
