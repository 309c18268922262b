/** My op for steepest's op assignment: {@link dev.steepest.student.Softplus}. */
package dev.steepest.student;
