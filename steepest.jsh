// steepest in jshell, with the imports a PyTorch user expects at hand. Start it from the
// repository's folder, after `mvn -B -q package -DskipTests`, with:
//   jshell --class-path examples/target/steepest-examples.jar --startup DEFAULT --startup steepest.jsh
// then try:  var x = Tensor.vector(1f).requiresGrad(true)
import dev.steepest.core.*;
import dev.steepest.nn.*;
import dev.steepest.nn.Module;     // not java.lang.Module
import dev.steepest.nn.attention.*;
import dev.steepest.nn.data.*;
import dev.steepest.nn.init.*;
import dev.steepest.nn.loss.*;
import dev.steepest.nn.recurrent.*;
import dev.steepest.optim.*;
import dev.steepest.optim.schedulers.*;
