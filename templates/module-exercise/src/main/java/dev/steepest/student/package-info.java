/** My module for steepest's module assignment: {@link dev.steepest.student.LstmCell}. */
package dev.steepest.student;
