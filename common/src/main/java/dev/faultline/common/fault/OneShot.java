package dev.faultline.common.fault;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a fault type that acts once (a kill, a restart) rather than lasting until reverted, so that what a type is
 * can be read without a spec of it: {@link FaultSpec#lasting(Class)}. Its specs' {@link FaultSpec#lasting()} says
 * the same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OneShot {
}
