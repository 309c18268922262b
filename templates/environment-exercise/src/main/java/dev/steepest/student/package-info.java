/** My environment for steepest's environment assignment: {@link dev.steepest.student.MountainCar}. */
package dev.steepest.student;
