// The cmdlet assembly. Cmdlets arrive with the module work; this file keeps the project buildable.
[assembly: System.CLSCompliant(false)]
