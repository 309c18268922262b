/** My optimizer plugin: {@link dev.steepest.student.Mine} and its {@link dev.steepest.student.MineProvider}. */
package dev.steepest.student;
